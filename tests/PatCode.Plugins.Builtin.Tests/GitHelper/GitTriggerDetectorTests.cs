using PatCode.Plugins.GitHelper;

namespace PatCode.Plugins.Builtin.Tests.GitHelper;

public sealed class GitTriggerDetectorTests
{
    [TestCase("what's my git status?")]
    [TestCase("write a commit message for these changes")]
    [TestCase("which BRANCH am I on")]
    [TestCase("should I merge or rebase?")]
    [TestCase("can I push now")]
    [TestCase("show me the diff")]
    [TestCase("I stashed something")]
    [TestCase("¿en qué rama estoy?")]
    [TestCase("quiero confirmar los cambios")]
    [TestCase("cómo fusionar dos ramas")]
    [TestCase("revisa el repositorio")]
    public void IsGitRelated_GitWords_Match(string input)
    {
        Assert.That(GitTriggerDetector.IsGitRelated(input), Is.True);
    }

    [TestCase("")]
    [TestCase("explain this code")]
    [TestCase("digital signal processing")]
    [TestCase("the committee meets today")]
    [TestCase("hola, ¿cómo estás?")]
    public void IsGitRelated_OtherWords_DoNotMatch(string input)
    {
        Assert.That(GitTriggerDetector.IsGitRelated(input), Is.False);
    }
}
