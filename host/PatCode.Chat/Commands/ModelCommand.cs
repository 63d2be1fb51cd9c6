using PatCode.Core.Commands;

namespace PatCode.Chat.Commands;

/// <summary><c>/model [name]</c>: shows the model, or switches after checking Ollama has it.</summary>
internal sealed class ModelCommand(ChatSession session) : IHostCommand
{
    public string Name => "model";

    public string Summary => "show the model, or switch to another local one";

    public IReadOnlyList<string> Usage => ["model", "model <name>"];

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        if (invocation.Arguments.Count == 0)
        {
            output.WriteLine($"Model: {session.Model} (Ollama at {session.OllamaUri})");
            return ExitCodes.Success;
        }

        var wanted = invocation.Arguments[0];
        IReadOnlyList<Ollama.LocalModel> models;
        try
        {
            models = await session.Catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            output.WriteError(ChatErrors.Describe(e, session.OllamaUri, wanted, session.Catalog.Timeout));
            return ExitCodes.Failure;
        }

        var tagged = Ollama.ModelCatalog.WithTag(wanted);
        if (!models.Any(m => string.Equals(Ollama.ModelCatalog.WithTag(m.Name), tagged, StringComparison.OrdinalIgnoreCase)))
        {
            var hint = NameSuggestions.Hint(wanted, models.Select(m => m.Name));
            output.WriteError($"model '{wanted}' not found: run `ollama pull {wanted}`, or pick one from /models.{hint}");
            return ExitCodes.Failure;
        }

        session.Model = wanted;
        output.WriteLine($"Switched to {wanted}.");
        return ExitCodes.Success;
    }
}
