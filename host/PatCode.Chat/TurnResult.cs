namespace PatCode.Chat;

/// <summary>The outcome of <see cref="ChatSession.SendAsync"/>.</summary>
/// <param name="Status">How the turn ended.</param>
/// <param name="Answer">The answer text (partial when cut).</param>
/// <param name="Error">The one-line message shown to the user when it failed or was refused.</param>
/// <param name="Metrics">Token and timing figures, when the model was called.</param>
public sealed record TurnResult(TurnStatus Status, string Answer, string? Error, TurnMetrics? Metrics);
