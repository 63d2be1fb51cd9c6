using PatCode.Core.Console;

namespace PatCode.Core.Tests.Console;

public sealed class TextTableTests
{
    [Test]
    public void Cells_AreOneLineOfInertText_SoNoCellCanRedrawOrAddARow()
    {
        var table = new TextTable("name", "description") { Title = "Plugins\u001b]0;title\u0007" };

        table.AddRow("Evil", "helper\r\u001b[2K\u001b[1AEvil  Active  built-in\nFake  Active  built-in");

        Assert.That(table.Title, Is.EqualTo("Plugins"));
        Assert.That(table.Rows[0][1], Is.EqualTo("helperEvil  Active  built-in Fake  Active  built-in"));
        var lines = table.ToPlainText().TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3), "title, header and the one row");
        Assert.That(lines[2], Does.StartWith("Evil "));
    }
}
