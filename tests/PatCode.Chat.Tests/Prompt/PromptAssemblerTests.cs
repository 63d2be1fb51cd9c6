using PatCode.Chat.Prompt;
using PatCode.Sdk;

namespace PatCode.Chat.Tests.Prompt;

[Parallelizable(ParallelScope.All)]
public sealed class PromptAssemblerTests
{
    private const string Marker = "\n[…cut to fit the context window]";

    [Test]
    public void AHugeSectionFromTheFirstPlugin_IsCutToFit_AndTheLaterPluginsSectionsStayWhole()
    {
        var flood = new ContextSection("Flood", "Flood", new string('f', 1024 * 1024));
        var alpha = new ContextSection("Alpha", "Alpha", "alpha saw: the question");
        var late = new ContextSection("Last", "Last", string.Join(' ', Enumerable.Repeat("late words", 200)));

        var prompt = Assemble([flood, alpha, late], contextTokens: 8192);

        var system = prompt.Messages[0].Text;
        Assert.That(system, Does.Contain("## Alpha (from Alpha)\nalpha saw: the question"));
        Assert.That(system, Does.Contain("## Last (from Last)\n" + late.Content));
        Assert.That(system, Does.Contain("## Flood (from Flood)\nfff").And.Contain("fff" + Marker), "cut, with the marker the model sees");
        Assert.That(prompt.Truncations, Has.Exactly(1).Items.And.Some.StartWith("context section 'Flood' from Flood cut to about"));
        Assert.That(prompt.EstimatedTokens, Is.LessThanOrEqualTo(8192 - PromptAssembler.AnswerReserve(8192)));
    }

    [Test]
    public void TwoHungryPlugins_TheLaterOneStillGetsItsGuaranteedShare_AndTheFirstTheRest()
    {
        var first = new ContextSection("First", "One", new string('a', 200_000));
        var second = new ContextSection("Second", "Two", new string('b', 200_000));
        const int Window = 8192;
        var budget = Window - PromptAssembler.AnswerReserve(Window);

        var prompt = Assemble([first, second], Window, sharePercent: 25);

        var system = prompt.Messages[0].Text;
        var firstChars = system.Count(c => c == 'a');
        var secondChars = system.Count(c => c == 'b');
        Assert.That(secondChars / 4, Is.InRange(budget / 4 - 64, budget / 4), "the second plugin's share: a quarter of the budget");
        Assert.That(firstChars, Is.GreaterThan(secondChars), "the first (higher priority) plugin gets what is left");
        Assert.That(prompt.Truncations, Has.Exactly(2).Items);
    }

    [Test]
    public void ManyHungryPlugins_ShareTheRoomEqually_SoNoneIsLeftOut()
    {
        var sections = Enumerable.Range(1, 8).Select(i => new ContextSection($"P{i}", $"S{i}", new string((char)('a' + i), 100_000))).ToList();

        var prompt = Assemble(sections, contextTokens: 8192, sharePercent: 50);

        var system = prompt.Messages[0].Text;
        var counts = Enumerable.Range(1, 8).Select(i => system.Count(c => c == (char)('a' + i))).ToList();
        Assert.That(counts, Has.All.GreaterThan(1000), "every plugin's section is in, cut to its part");
        Assert.That(prompt.Truncations, Has.None.Contain("left out"));
    }

    [Test]
    public void SectionsThatFit_AreNotCut()
    {
        var prompt = Assemble([new ContextSection("A", "A", "short"), new ContextSection("B", "B", "also short")], contextTokens: 4096);

        Assert.That(prompt.Truncations, Is.Empty);
        Assert.That(prompt.Messages[0].Text, Does.Contain("## A (from A)\nshort\n\n## B (from B)\nalso short"));
    }

    private static AssembledPrompt Assemble(IReadOnlyList<ContextSection> sections, int contextTokens, int sharePercent = 25) =>
        PromptAssembler.Assemble(new PromptParts("You are a test.", sections, [], [], "the question", contextTokens, sharePercent));
}
