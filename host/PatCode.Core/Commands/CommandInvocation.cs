using PatCode.Core.Console;

namespace PatCode.Core.Commands;

/// <summary>One run of a command: the words after its name, where to write, and whether a REPL is running.</summary>
public sealed record CommandInvocation(IReadOnlyList<string> Arguments, IUserOutput Output, bool InRepl);
