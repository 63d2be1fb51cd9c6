using PatCode.Plugins.Builtin.Tests.Support;
using PatCode.Plugins.FileAnalyzer;

namespace PatCode.Plugins.Builtin.Tests.FileAnalyzer;

public sealed class FileContentStatsTests
{
    [TestCase("", 0)]
    [TestCase("one", 1)]
    [TestCase("one\n", 1)]
    [TestCase("one\ntwo\nthree", 3)]
    [TestCase("one\r\ntwo\r\n", 2)]
    [TestCase("\n\n\n", 3)]
    public void CountLines_TextFile_CountsLikeAnEditor(string content, long expected)
    {
        using var temp = new TemporaryDirectory();
        var path = temp.WriteFile("f.txt", content);

        Assert.That(FileContentStats.CountLines(path, AnalyzerLimits.Default.MaxFileBytes), Is.EqualTo(expected));
    }

    [Test]
    public void CountLines_FileLargerThanTheReadBuffer_CountsEveryLine()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.WriteFile("big.txt", string.Concat(Enumerable.Repeat("0123456789abcdef\n", 20_000)));

        Assert.That(FileContentStats.CountLines(path, AnalyzerLimits.Default.MaxFileBytes), Is.EqualTo(20_000));
    }

    [Test]
    public void CountLines_NulByteNearTheStart_IsBinary()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("image.bin");
        File.WriteAllBytes(path, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x0A, 0x0A]);

        Assert.That(FileContentStats.CountLines(path, AnalyzerLimits.Default.MaxFileBytes), Is.EqualTo(FileContentStats.Binary));
    }

    [Test]
    public void CountLines_NulByteAfterTheProbe_IsStillText()
    {
        using var temp = new TemporaryDirectory();
        var path = temp.Combine("late.txt");
        var bytes = Enumerable.Repeat((byte)'a', FileContentStats.BinaryProbeBytes + 10).ToArray();
        bytes[^1] = 0;
        File.WriteAllBytes(path, bytes);

        Assert.That(FileContentStats.CountLines(path, AnalyzerLimits.Default.MaxFileBytes), Is.EqualTo(1));
    }
}
