using PatCode.Core.Console;
using Spectre.Console;

namespace PatCode.Cli.Output;

/// <summary>Renders a <see cref="TextTable"/> as a rich table on the terminal. Kept apart so only interactive runs load Spectre.Console.</summary>
internal static class SpectreTable
{
    public static void Write(TextTable table)
    {
        var rendered = new Table().Border(TableBorder.Rounded);
        if (table.Title is not null)
        {
            rendered.Title(Markup.Escape(table.Title));
        }

        foreach (var header in table.Headers)
        {
            rendered.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in table.Rows)
        {
            rendered.AddRow(row.Select(cell => new Text(cell)).ToArray());
        }

        AnsiConsole.Write(rendered);
    }
}
