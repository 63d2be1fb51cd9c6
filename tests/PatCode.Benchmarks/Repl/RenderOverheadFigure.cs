using System.Globalization;
using System.Text;
using PatCode.Chat.Answers;

namespace PatCode.Benchmarks.Repl;

/// <summary>
/// <c>repl.render_overhead_pct</c>: how much more CPU time a 20 KB Markdown answer, streamed in 4-byte pieces,
/// costs with Markdown rendering than printed plain, in percent. Both go the production way: through
/// <see cref="AnswerStream"/> (the sanitizer) into the terminal view, which writes and flushes every piece to
/// /dev/null (one write system call each, as to a terminal). CPU time is the measuring thread's own
/// (CLOCK_THREAD_CPUTIME_ID, user and system, nanosecond resolution). Runs alternate, and the medians are compared.
/// The warm-up is long enough for tiered compilation to settle: with a short one the measured runs land while
/// the renderer's methods still run as instrumented tier-0 code (the JIT's background thread is slow on a busy
/// machine), and the figure timed the JIT rather than the rendering. Target ≤ 15 %.
/// </summary>
internal sealed partial class RenderOverheadFigure : IFigureSource
{
    private const int PieceLength = 4;
    private const int Warmup = 60;
    private const int Runs = 31;

    public IReadOnlyList<string> Names => ["repl.render_overhead_pct"];

    public IEnumerable<Figure> Measure()
    {
        var answer = SampleAnswer(20 * 1024);
        using var sink = new StreamWriter(new FileStream("/dev/null", FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 1), new UTF8Encoding(false), bufferSize: 4096);
        var presenter = new TerminalAnswerPresenter(sink, colour: true, static () => 100, static () => 40);
        var plain = new List<double>();
        var markdown = new List<double>();
        for (var run = 0; run < Warmup + Runs; run++)
        {
            var plainTime = Time(presenter, AnswerRendering.Plain, answer);
            var markdownTime = Time(presenter, AnswerRendering.Markdown, answer);
            if (run >= Warmup)
            {
                plain.Add(plainTime);
                markdown.Add(markdownTime);
            }
        }

        var overhead = (Median(markdown) - Median(plain)) / Median(plain) * 100;
        return [new Figure("repl.render_overhead_pct", Math.Round(overhead, 1), "%")];
    }

    private static double Time(TerminalAnswerPresenter presenter, AnswerRendering rendering, string answer)
    {
        var before = ThreadCpuMilliseconds();
        var stream = new AnswerStream(presenter.Begin("llama3.2", rendering));
        for (var i = 0; i < answer.Length; i += PieceLength)
        {
            stream.Write(answer.Substring(i, Math.Min(PieceLength, answer.Length - i)));
        }

        stream.Complete();
        return ThreadCpuMilliseconds() - before;
    }

    private static double ThreadCpuMilliseconds()
    {
        const int ThreadCpuClock = 3; // CLOCK_THREAD_CPUTIME_ID on Linux
        if (ClockGetTime(ThreadCpuClock, out var time) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed.");
        }

        return (time.Seconds * 1e3) + (time.Nanoseconds / 1e6);
    }

    [System.Runtime.InteropServices.LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>An answer as a coding model writes one: headings, prose with emphasis and code spans, lists, a table, code blocks.</summary>
    internal static string SampleAnswer(int length)
    {
        var text = new StringBuilder();
        for (var section = 1; text.Length < length; section++)
        {
            text.Append(CultureInfo.InvariantCulture, $"## Step {section}: make the parser faster\n\n");
            text.Append(CultureInfo.InvariantCulture, $"The **hot path** is `Tokenizer.Next()`, which allocates a *new* string for every token; see [the profile](https://example.com/profile/{section}) for details. ");
            text.Append("Reusing a buffer avoids most of that work, and the rest is plain arithmetic that the JIT handles well.\n\n");
            text.Append("1. Keep one `StringBuilder` per tokenizer\n2. Return `ReadOnlySpan<char>` slices instead of strings\n   - callers that need a string can still make one\n3. Measure again with **BenchmarkDotNet**\n\n");
            text.Append("> Profile before you optimise: the slow part is rarely where you expect.\n\n");
            text.Append("| change | allocations | time |\n|---|--:|--:|\n| before | 1.2 MB | 41 ms |\n| after | 12 KB | 17 ms |\n\n");
            text.Append("```csharp\npublic ReadOnlySpan<char> Next()\n{\n    var start = _position;\n    while (_position < _text.Length && !char.IsWhiteSpace(_text[_position]))\n    {\n        _position++;\n    }\n\n    return _text.AsSpan(start, _position - start);\n}\n```\n\n");
        }

        return text.ToString(0, length);
    }
}
