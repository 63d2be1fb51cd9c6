using System.Text.Json.Nodes;
using Moq;
using PatCode.Chat.Commands;
using PatCode.Core.Commands;

namespace PatCode.Chat.Tests.Commands;

[Parallelizable(ParallelScope.All)]
[CancelAfter(60_000)]
public sealed class ChatCommandsTests
{
    [Test]
    public async Task Load_TextFile_ReachesTheModelAndShowsAPreview()
    {
        await using var bed = await ChatTestBed.StartAsync();
        File.WriteAllText(Path.Combine(bed.WorkingDirectory, "notes.cs"), "class Notes\n{\n    int Answer = 42;\n}\n// end\n");
        using var host = bed.CreateHost();

        var exit = await Run(host, bed, "load", "notes.cs");
        await host.Session.SendAsync("what is Answer?", CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(bed.Output.DimLines, Is.EqualTo(new[] { "  │ class Notes", "  │ {", "  │     int Answer = 42;" }));
        var system = bed.Emulator.ChatRequests.Single().Json!["messages"]!.AsArray()[0]!["content"]!.GetValue<string>();
        Assert.That(system, Does.Contain($"## File: {Path.Combine(bed.WorkingDirectory, "notes.cs")}\n```\nclass Notes"));
        Assert.That(bed.Chain.Requests.Single().Files.Single().Content, Does.Contain("int Answer = 42;"));
    }

    [Test]
    public async Task Load_BinaryFile_IsRefused()
    {
        await using var bed = await ChatTestBed.StartAsync();
        File.WriteAllBytes(Path.Combine(bed.WorkingDirectory, "image.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);
        using var host = bed.CreateHost();

        var exit = await Run(host, bed, "load", "image.png");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("looks like a binary file"));
        Assert.That(host.Session.Files, Is.Empty);
    }

    [Test]
    public async Task Load_InvalidUtf8_IsRefusedAsBinary()
    {
        await using var bed = await ChatTestBed.StartAsync();
        File.WriteAllBytes(Path.Combine(bed.WorkingDirectory, "latin1.txt"), [0x63, 0x61, 0x66, 0xE9, 0x20, 0xFF]);
        using var host = bed.CreateHost();

        await Run(host, bed, "load", "latin1.txt");

        Assert.That(bed.Output.Errors.Single(), Does.Contain("binary"));
    }

    [Test]
    public async Task Load_FileOverTheLimit_IsRefusedNamingTheKey()
    {
        await using var bed = await ChatTestBed.StartAsync();
        File.WriteAllText(Path.Combine(bed.WorkingDirectory, "big.txt"), new string('x', 2048));
        using var host = bed.CreateHost(s => s with { MaxFileBytes = 1024 });

        var exit = await Run(host, bed, "load", "big.txt");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("is 2 KB, over the 1 KB limit").And.Contain("chat.maxFileBytes"));
    }

    [Test]
    public async Task Load_MissingFile_SaysWhereItLooked()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();

        await Run(host, bed, "load", "nope.txt");

        Assert.That(bed.Output.Errors.Single(), Does.Contain("does not exist").And.Contain(bed.WorkingDirectory));
    }

    [Test]
    public async Task UnloadAndFiles_ManageTheLoadedFiles()
    {
        await using var bed = await ChatTestBed.StartAsync();
        File.WriteAllText(Path.Combine(bed.WorkingDirectory, "a.txt"), "alpha");
        File.WriteAllText(Path.Combine(bed.WorkingDirectory, "b.txt"), "beta");
        using var host = bed.CreateHost();
        await Run(host, bed, "load", "a.txt");
        await Run(host, bed, "load", "b.txt");

        var unloaded = await Run(host, bed, "unload", "a.txt");
        await Run(host, bed, "files");
        var missing = await Run(host, bed, "unload", "a.txt");

        Assert.That(unloaded, Is.EqualTo(ExitCodes.Success));
        Assert.That(missing, Is.EqualTo(ExitCodes.Failure));
        Assert.That(host.Session.Files.Select(f => Path.GetFileName(f.Path)), Is.EqualTo(new[] { "b.txt" }));
        Assert.That(bed.Output.Text, Does.Contain(Path.Combine(bed.WorkingDirectory, "b.txt")));
    }

    [Test]
    public async Task Export_Json_WritesTheConversation()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("Blue.");
        using var host = bed.CreateHost();
        await host.Session.SendAsync("sky colour?", CancellationToken.None);

        var exit = await Run(host, bed, "export", "chat.json");

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(bed.WorkingDirectory, "chat.json")))!;
        Assert.That(json["model"]!.GetValue<string>(), Is.EqualTo("llama3.2"));
        var messages = json["messages"]!.AsArray();
        Assert.That(messages.Select(m => $"{m!["role"]}:{m["content"]}"), Is.EqualTo(new[] { "user:sky colour?", "assistant:Blue." }));
    }

    [Test]
    public async Task Export_Markdown_WritesHeadingsAndMarksCutAnswers()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.EnqueueAnswer("partial words here");
        bed.Emulator.ErrorAfterTokens = 1;
        using var host = bed.CreateHost();
        await host.Session.SendAsync("tell me", CancellationToken.None);

        await Run(host, bed, "export", "chat.md");

        var markdown = File.ReadAllText(Path.Combine(bed.WorkingDirectory, "chat.md"));
        Assert.That(markdown, Does.StartWith("# PatCode conversation"));
        Assert.That(markdown, Does.Contain("## You\n\ntell me\n"));
        Assert.That(markdown, Does.Contain("## Assistant (llama3.2)\n\npartial\n"));
        Assert.That(markdown, Does.Contain("_(answer cut short: Ollama reported an error mid-answer"));
    }

    [Test]
    public async Task Export_OtherExtension_IsRefusedWithTheChoices()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();

        var exit = await Run(host, bed, "export", "chat.docx");

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("use a .json or .md file name"));
        Assert.That(File.Exists(Path.Combine(bed.WorkingDirectory, "chat.docx")), Is.False);
    }

    [Test]
    public async Task Model_SwitchToALocalModel_IsUsedForTheNextTurn()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();

        var exit = await Run(host, bed, "model", "qwen2.5-coder:7b");
        await host.Session.SendAsync("hi", CancellationToken.None);

        Assert.That(exit, Is.EqualTo(ExitCodes.Success));
        Assert.That(bed.Emulator.ChatRequests.Single().Json!["model"]!.GetValue<string>(), Is.EqualTo("qwen2.5-coder:7b"));
    }

    [Test]
    public async Task Model_SwitchToAMissingModel_IsRefusedWithThePullCommandAndSuggestions()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();

        var exit = await Run(host, bed, "model", "qwen2.5-coder");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(host.Session.Model, Is.EqualTo("llama3.2"));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("run `ollama pull qwen2.5-coder`").And.Contain("Did you mean: qwen2.5-coder:7b"));
        Assert.That(bed.Emulator.Requests.Select(r => r.Path), Does.Contain("/api/tags"));
    }

    [Test]
    public async Task Models_ListsTheLocalModelsAndMarksTheCurrentOne()
    {
        await using var bed = await ChatTestBed.StartAsync([new EmulatedModel("llama3.2"), new EmulatedModel("phi4:14b")]);
        using var host = bed.CreateHost();

        await Run(host, bed, "models");

        var lines = bed.Output.Text.Split('\n');
        Assert.That(lines, Has.Some.Match(@"^\*\s+llama3\.2:latest"));
        Assert.That(lines, Has.Some.Match(@"^\s+phi4:14b"));
    }

    [Test]
    public async Task Models_OllamaDown_SaysHowToStartIt()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost(s => s with { OllamaUri = new Uri($"http://127.0.0.1:{ChatSessionTests.FreePort()}/") });

        var exit = await Run(host, bed, "models");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("`ollama serve`"));
    }

    [Test]
    public async Task Models_ServerThatNeverAnswers_TimesOutWithTheConfiguredSeconds()
    {
        await using var bed = await ChatTestBed.StartAsync();
        bed.Emulator.Fault = EmulatorFault.Hang;
        using var host = bed.CreateHost(s => s with { Timeout = TimeSpan.FromSeconds(1) });

        var exit = await Run(host, bed, "models");

        Assert.That(exit, Is.EqualTo(ExitCodes.Failure));
        Assert.That(bed.Output.Errors.Single(), Does.Contain("did not answer within 1 s (timed out)"));
    }

    [Test]
    public async Task Stats_ShowsMessagesModelFilesAndContributorLines()
    {
        await using var bed = await ChatTestBed.StartAsync();
        var contributor = new Mock<IChatStatsContributor>();
        contributor.Setup(c => c.DescribeAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync([new KeyValuePair<string, string>("cache hits", "3 of 4")]);
        using var host = ChatHost.Create(new ChatHostOptions
        {
            Settings = bed.Settings(),
            Chain = bed.Chain,
            Output = bed.Output,
            Paths = bed.Paths,
            WorkingDirectory = bed.WorkingDirectory,
            StatsContributors = [contributor.Object],
        });
        await host.Session.SendAsync("one", CancellationToken.None);

        await Run(host, bed, "stats");

        Assert.That(bed.Output.Text, Does.Contain("messages").And.Contain("2 (1 from you, 1 answers)"));
        Assert.That(bed.Output.Text, Does.Contain("llama3.2"));
        Assert.That(bed.Output.Text, Does.Contain("cache hits").And.Contain("3 of 4"));
    }

    [Test]
    public async Task Set_UnknownSetting_ShowsUsage()
    {
        await using var bed = await ChatTestBed.StartAsync();
        using var host = bed.CreateHost();

        var exit = await Run(host, bed, "set", "loud");

        Assert.That(exit, Is.EqualTo(ExitCodes.Usage));
        Assert.That(bed.Output.Errors.Single(), Is.EqualTo("usage: /set verbose, /set quiet, /set render markdown or /set render plain"));
    }

    private static Task<int> Run(ChatHost host, ChatTestBed bed, string name, params string[] arguments) =>
        host.Commands.Single(c => c.Name == name).ExecuteAsync(new CommandInvocation(arguments, bed.Output, InRepl: true), CancellationToken.None);
}
