using System.Globalization;
using System.Text;
using PatCode.Chat.Prompt;
using PatCode.Core.Answers;
using PatCode.Core.Commands;
using PatCode.Core.IO;
using PatCode.Core.Security;
using PatCode.Sdk;

namespace PatCode.Chat.Commands;

/// <summary>
/// <c>/load &lt;file&gt;</c>: adds a text file to the context, within <c>chat.maxFileBytes</c>. Binary files are
/// refused, and so is anything that is not a regular file (a FIFO, a device, a socket, a /proc or /sys file).
/// </summary>
internal sealed class LoadCommand(ChatSession session) : IHostCommand
{
    private const int PreviewLines = 3;
    private const int PreviewWidth = 100;

    public string Name => "load";

    public string Summary => "add a text file to the conversation's context (size-limited; binary refused)";

    public IReadOnlyList<string> Usage => ["load <file>"];

    public async Task<int> ExecuteAsync(CommandInvocation invocation, CancellationToken cancellationToken)
    {
        var output = invocation.Output;
        if (invocation.Arguments.Count != 1)
        {
            output.WriteError("usage: /load <file> (quote a path with spaces)");
            return ExitCodes.Usage;
        }

        var path = Path.GetFullPath(invocation.Arguments[0], session.WorkingDirectory);
        if (Directory.Exists(path))
        {
            output.WriteError($"{path} is a directory: load the files in it one by one.");
            return ExitCodes.Failure;
        }

        if (!Path.Exists(path))
        {
            output.WriteError($"{path} does not exist: check the path (relative paths start at {session.WorkingDirectory}).");
            return ExitCodes.Failure;
        }

        if (RegularFile.Refusal(path) is { } what)
        {
            // Opening a FIFO would wait for a writer past Ctrl+C; /dev/zero and /proc files have no real end or size.
            output.WriteError($"{path} is {what}, not a regular file: /load reads regular files only.");
            return ExitCodes.Failure;
        }

        var limit = session.Settings.MaxFileBytes;
        byte[] bytes;
        try
        {
            // At most one byte over the limit is read, whatever size the file system reports.
            bytes = await Task.Run(() => RegularFile.ReadAtMost(path, limit), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            output.WriteError($"cannot read {path}: {e.Message}");
            return ExitCodes.Failure;
        }

        if (bytes.Length > limit)
        {
            var size = new FileInfo(path).Length;
            output.WriteError($"{path} is {(size > limit ? Bytes(size) : "more than " + Bytes(limit))}, over the {Bytes(limit)} limit: load a smaller file or raise chat.maxFileBytes.");
            return ExitCodes.Failure;
        }

        if (!TryDecodeText(bytes, out var text))
        {
            output.WriteError($"{path} looks like a binary file (not UTF-8 text): only text files can be loaded.");
            return ExitCodes.Failure;
        }

        session.AddFile(new ContextFile(path, text));
        output.WriteLine(TerminalText.Sanitize($"Loaded {path} ({Bytes(bytes.Length)}, about {TokenEstimator.Estimate(text).ToString(CultureInfo.InvariantCulture)} tokens)."));
        foreach (var line in text.Split('\n').Take(PreviewLines))
        {
            var shown = line.TrimEnd('\r');
            output.WriteDim("  │ " + (shown.Length > PreviewWidth ? shown[..PreviewWidth] + "…" : shown));
        }

        return ExitCodes.Success;
    }

    /// <summary>Text is valid UTF-8 without NUL bytes; anything else is treated as binary.</summary>
    internal static bool TryDecodeText(byte[] bytes, out string text)
    {
        text = "";
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return false;
        }

        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes).TrimStart('\uFEFF');
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    internal static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes.ToString(CultureInfo.InvariantCulture)} B",
        < 1024 * 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        < 1024L * 1024 * 1024 => $"{(bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} MB",
        _ => $"{(bytes / 1024.0 / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} GB",
    };
}
