using PatCode.Chat.Answers;

namespace PatCode.Chat.Tests.Answers;

[Parallelizable(ParallelScope.All)]
public sealed class AnswerStreamTests
{
    [Test]
    public void ControlSequences_AreRemovedBeforeAnyViewSeesTheText_EvenWhenSplitAcrossPieces()
    {
        var view = new RecordingView();
        var stream = new AnswerStream(view);

        foreach (var piece in new[] { "# Title\u001b]0;pwn", "ed\u0007 and \u001b[2", "J**bold**\u001b[?2004l\n" })
        {
            stream.Write(piece);
        }

        stream.Complete();

        Assert.That(string.Concat(view.Pieces), Is.EqualTo("# Title and **bold**\n"));
        Assert.That(view.Completed, Is.True);
    }

    private sealed class RecordingView : IAnswerView
    {
        public List<string> Pieces { get; } = [];

        public bool Completed { get; private set; }

        public void Write(string text) => Pieces.Add(text);

        public void Complete() => Completed = true;
    }
}
