using PatCode.Plugins.FileAnalyzer;

namespace PatCode.Plugins.Builtin.Tests.FileAnalyzer;

public sealed class AnalyzeRequestDetectorTests
{
    [TestCase("analyze project")]
    [TestCase("Analyze the project please")]
    [TestCase("can you analyse this repository")]
    [TestCase("show me the project structure")]
    [TestCase("what is the structure of this codebase?")]
    [TestCase("how big is this project")]
    [TestCase("how many lines of code are there")]
    [TestCase("analiza el proyecto")]
    [TestCase("Analiza este repositorio")]
    [TestCase("¿Cuál es la estructura del proyecto?")]
    [TestCase("ESTRUCTURA DEL PROYECTO")]
    [TestCase("dame un resumen del proyecto")]
    [TestCase("cuántas líneas de código tiene")]
    public void IsAnalyzeRequest_ProjectQuestions_Match(string input)
    {
        Assert.That(AnalyzeRequestDetector.IsAnalyzeRequest(input), Is.True);
    }

    [TestCase("")]
    [TestCase("explain this code")]
    [TestCase("analiza este código")]
    [TestCase("what's in this function")]
    [TestCase("git status")]
    public void IsAnalyzeRequest_OtherMessages_DoNotMatch(string input)
    {
        Assert.That(AnalyzeRequestDetector.IsAnalyzeRequest(input), Is.False);
    }
}
