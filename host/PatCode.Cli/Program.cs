using System.CommandLine;
using PatCode.Cli;

return await PatCodeCommandLine.RunAsync(args);
