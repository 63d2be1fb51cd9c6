using PatCode.Core.Commands;
using PatCode.Core.Console;

namespace PatCode.Chat.Commands;

/// <summary><c>/models</c>: the local models from <c>/api/tags</c>, the current one marked.</summary>
internal sealed class ModelsCommand(ChatSession session) : IHostCommand
{
    public string Name => "models";

    public string Summary => "list the models Ollama has pulled";

    public IReadOnlyList<string> Usage => ["models"];

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        IReadOnlyList<Ollama.LocalModel> models;
        try
        {
            models = await session.Catalog.ListAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            output.WriteError(ChatErrors.Describe(e, session.OllamaUri, session.Model, session.Catalog.Timeout));
            return ExitCodes.Failure;
        }

        if (models.Count == 0)
        {
            output.WriteLine($"Ollama has no models yet: run `ollama pull {ChatConfigKeys.DefaultModel}`.");
            return ExitCodes.Success;
        }

        var current = Ollama.ModelCatalog.WithTag(session.Model);
        var table = new TextTable("", "model", "size", "parameters", "quantization");
        foreach (var model in models)
        {
            var mark = string.Equals(Ollama.ModelCatalog.WithTag(model.Name), current, StringComparison.OrdinalIgnoreCase) ? "*" : "";
            table.AddRow(mark, model.Name, LoadCommand.Bytes(model.SizeBytes), model.ParameterSize, model.Quantization);
        }

        output.WriteTable(table);
        return ExitCodes.Success;
    }
}
