using System.Collections;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using OllamaSharp.Models;
using OllamaSharp.Models.Chat;
using PatCode.Chat.Ollama;

namespace PatCode.Chat.Tests.Support;

/// <summary>
/// OllamaSharp requests and answer lines with every property set, and the JSON options OllamaSharp used before
/// PatCode wrote and read chat JSON by hand: the reference the hand-written converters are held to.
/// </summary>
internal static class OllamaSamples
{
    private static readonly OllamaSharp.OllamaApiClient Client = OllamaConnection.CreateApiClient(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:11434") }, "llama3.2");

    /// <summary>What OllamaSharp builds from the source-generated context alone (its outgoing options add the relaxed encoder).</summary>
    public static JsonSerializerOptions Reference { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = OllamaJsonContext.Default };

    /// <summary>The options PatCode's OllamaSharp client writes requests with.</summary>
    public static JsonSerializerOptions Outgoing => Client.OutgoingJsonSerializerOptions;

    /// <summary>The options PatCode's OllamaSharp client reads answers with.</summary>
    public static JsonSerializerOptions Incoming => Client.IncomingJsonSerializerOptions;

    public static ChatRequest FullRequest()
    {
        var request = new ChatRequest
        {
            Model = "llama3.2",
            Messages = [FullMessage(ChatRole.System), FullMessage(ChatRole.User)],
            Options = Filled(new RequestOptions()),
            Template = "{{ .Prompt }}",
            KeepAlive = "5m",
            Format = "json",
            Stream = true,
            Think = new ThinkValue("high"),
            Tools =
            [
                new Tool
                {
                    Type = "function",
                    Function = new Function
                    {
                        Name = "read_file",
                        Description = "Reads a file",
                        Parameters = new Parameters
                        {
                            Type = "object",
                            Properties = new() { ["path"] = new Property { Type = "string", Description = "Which file", Enum = ["a.cs", "b.cs"] } },
                            Required = ["path"],
                        },
                    },
                },
            ],
        };
        request.CustomHeaders["X-Trace"] = "1";
        return request;
    }

    public static Message FullMessage(ChatRole role) => new(role, "Explain \"this\" — <code> & ünïcode", ["aW1hZ2U="])
    {
        Thinking = "first, read it",
        ToolName = "read_file",
        ToolCalls = [new Message.ToolCall { Id = "call-1", Function = new Message.Function { Index = 2, Name = "read_file", Arguments = new Dictionary<string, object?> { ["path"] = "a.cs", ["lines"] = 10 } } }],
    };

    public static ChatDoneResponseStream FullDoneLine() => new()
    {
        Model = "llama3.2",
        CreatedAtString = "2026-12-01T10:00:00.123456789Z",
        Message = FullMessage(ChatRole.Assistant),
        Done = true,
        TotalDuration = 5_000_000_000,
        LoadDuration = 1_000_000,
        PromptEvalCount = 26,
        PromptEvalDuration = 130_000_000,
        EvalCount = 298,
        EvalDuration = 4_700_000_000,
        DoneReason = "stop",
    };

    /// <summary>Sets every settable property of <paramref name="target"/> whose type is a (nullable) primitive, a string or a string array.</summary>
    public static T Filled<T>(T target)
        where T : notnull
    {
        var n = 0;
        foreach (var property in target.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            n++;
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            object value = type == typeof(int) ? n
                : type == typeof(long) ? n * 1000L
                : type == typeof(float) ? n + 0.25f
                : type == typeof(double) ? n + 0.5
                : type == typeof(bool) ? true
                : type == typeof(string) ? $"v{n}"
                : type == typeof(string[]) ? new[] { $"v{n}" }
                : throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is a {property.PropertyType}: give it a sample value");
            property.SetValue(target, value);
        }

        return target;
    }

    /// <summary>
    /// Fails naming any serialized property left null or default in <paramref name="sample"/> or in the OllamaSharp
    /// objects it holds: a property OllamaSharp adds later shows up here before it can be dropped from the wire.
    /// </summary>
    public static void AssertEveryPropertySet(object sample, string path = "")
    {
        foreach (var property in sample.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.Always })
            {
                continue;
            }

            var value = property.GetValue(sample);
            var where = $"{path}{sample.GetType().Name}.{property.Name}";
            Assert.That(value, Is.Not.Null.And.Not.EqualTo(property.PropertyType.IsValueType ? Activator.CreateInstance(property.PropertyType) : null), $"{where} has no sample value");
            foreach (var item in value is IEnumerable items and not string ? items.Cast<object?>() : [value])
            {
                if (item?.GetType().Assembly == typeof(ChatRequest).Assembly && !item.GetType().IsValueType)
                {
                    AssertEveryPropertySet(item, where + " > ");
                }
            }
        }
    }
}
