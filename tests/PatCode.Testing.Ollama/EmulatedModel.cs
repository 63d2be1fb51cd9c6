namespace PatCode.Testing.Ollama;

/// <summary>A model the emulator pretends to have pulled.</summary>
/// <param name="Name">Its name; without a tag it means <c>name:latest</c>, as in Ollama.</param>
/// <param name="ContextLength">What <c>/api/show</c> reports as <c>&lt;arch&gt;.context_length</c>.</param>
/// <param name="Family">The architecture, e.g. <c>llama</c>.</param>
public sealed record EmulatedModel(string Name, int ContextLength = 8192, string Family = "llama")
{
    public string FullName => OllamaEmulator.WithTag(Name);

    /// <summary>What <c>/api/tags</c> gives as the digest; by default a hash of the name. Set another to emulate a re-pull.</summary>
    public string Digest { get; init; } = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(OllamaEmulator.WithTag(Name))));
}
