namespace PatCode.Testing.Ollama;

/// <summary>How the emulator misbehaves on <c>/api/chat</c> and <c>/api/generate</c>.</summary>
public enum EmulatorFault
{
    /// <summary>Answers normally.</summary>
    None,

    /// <summary>Accepts every request and never answers (no headers), until the client gives up or the emulator is disposed.</summary>
    Hang,

    /// <summary>Answers 503, as Ollama does when its queue is full.</summary>
    Unavailable,
}
