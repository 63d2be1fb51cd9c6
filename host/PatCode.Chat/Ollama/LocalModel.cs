namespace PatCode.Chat.Ollama;

/// <summary>A model Ollama has pulled, as <c>/api/tags</c> lists it.</summary>
public sealed record LocalModel(string Name, long SizeBytes, string ParameterSize, string Quantization)
{
    /// <summary>The digest of this build of the model; a re-pulled model has a new one.</summary>
    public string? Digest { get; init; }
}
