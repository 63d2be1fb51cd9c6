namespace PatCode.Chat;

/// <summary>How a chat turn ended.</summary>
public enum TurnStatus
{
    /// <summary>The model answered in full.</summary>
    Completed,

    /// <summary>The message was refused before reaching the model (empty, too large).</summary>
    Refused,

    /// <summary>The user cancelled; the partial answer was kept and marked as cut.</summary>
    Cancelled,

    /// <summary>Something failed; the user was told what and how to fix it.</summary>
    Failed,
}
