using PatCode.Plugins.CodeExplainer;

namespace PatCode.Plugins.Builtin.Tests.CodeExplainer;

public sealed class ExplainRequestDetectorTests
{
    [TestCase("explica este código", "Spanish")]
    [TestCase("Explica este codigo", "Spanish")]
    [TestCase("EXPLICA ESTE CÓDIGO por favor", "Spanish")]
    [TestCase("qué hace este código?", "Spanish")]
    [TestCase("Que hace esta función", "Spanish")]
    [TestCase("analiza este código", "Spanish")]
    [TestCase("¿Me explicas esta función?", "Spanish")]
    [TestCase("explícame el siguiente fragmento", "Spanish")]
    [TestCase("cómo funciona este método", "Spanish")]
    [TestCase("explain this code", "English")]
    [TestCase("Explain This Code please", "English")]
    [TestCase("what does this code do?", "English")]
    [TestCase("What does this function do", "English")]
    [TestCase("can you explain the following snippet", "English")]
    [TestCase("analyze this method for me", "English")]
    [TestCase("how does this recursive function work", "English")]
    [TestCase("walk me through this script", "English")]
    public void IsExplainRequest_ExplainPhrase_MatchesInItsLanguage(string input, string expected)
    {
        var matched = ExplainRequestDetector.IsExplainRequest(input, hasLoadedFiles: false, out var language);

        Assert.Multiple(() =>
        {
            Assert.That(matched, Is.True);
            Assert.That(language.ToString(), Is.EqualTo(expected));
        });
    }

    [TestCase("")]
    [TestCase("hello there")]
    [TestCase("analyze the project")]
    [TestCase("analiza el proyecto")]
    [TestCase("explain how TCP congestion control works")]
    [TestCase("commit my changes")]
    [TestCase("write a function that sorts a list")]
    [TestCase("explain it to me like I'm five: what is a monad")]
    [TestCase("¿qué hace esta persona aquí?")]
    [TestCase("explícame esto de las bases de datos")]
    public void IsExplainRequest_OtherMessage_DoesNotMatch(string input)
    {
        Assert.That(ExplainRequestDetector.IsExplainRequest(input, hasLoadedFiles: false, out _), Is.False);
    }

    [Test]
    public void IsExplainRequest_BareVerbWithFencedBlock_Matches()
    {
        var input = "explain:\n```\nx = 1\n```";

        Assert.That(ExplainRequestDetector.IsExplainRequest(input, hasLoadedFiles: false, out _), Is.True);
    }

    [TestCase("help me understand this", "English")]
    [TestCase("what does this do?", "English")]
    [TestCase("explícame esto", "Spanish")]
    [TestCase("¿qué hace esto?", "Spanish")]
    public void IsExplainRequest_PointingWithALoadedFile_Matches(string input, string expected)
    {
        var matched = ExplainRequestDetector.IsExplainRequest(input, hasLoadedFiles: true, out var language);

        Assert.Multiple(() =>
        {
            Assert.That(matched, Is.True);
            Assert.That(language.ToString(), Is.EqualTo(expected));
        });
    }

    [TestCase("help me understand this")]
    [TestCase("what does this do?")]
    [TestCase("explícame esto")]
    public void IsExplainRequest_PointingWithNoCodeAnywhere_DoesNotMatch(string input)
    {
        Assert.That(ExplainRequestDetector.IsExplainRequest(input, hasLoadedFiles: false, out _), Is.False);
    }

    [Test]
    public void IsExplainRequest_PointingAtAFencedBlock_Matches()
    {
        Assert.That(ExplainRequestDetector.IsExplainRequest("what does this do?\n```\nx = 1\n```", hasLoadedFiles: false, out _), Is.True);
    }
}
