using System.Reflection;
using System.Text;

namespace PatCode.Sdk.Tests;

/// <summary>
/// Pins the SDK's whole public surface: plugin authors compile against it, so every change must be
/// deliberate. When the change is intended, update PublicApi.approved.txt with the "received" text.
/// </summary>
public sealed class PublicApiTests
{
    [Test]
    public void PublicApi_MatchesTheApprovedList()
    {
        var received = Describe(typeof(Plugin).Assembly);
        var approved = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "PublicApi.approved.txt")).ReplaceLineEndings("\n");

        Assert.That(received, Is.EqualTo(approved), "The public API changed; if that is intended, copy this into PublicApi.approved.txt:\n" + received);
    }

    private static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            lines.Add($"{Kind(type)} {type.FullName}{(type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? " : " + b.Name : "")}");
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Select(m => "  " + m.ToString())
                .Order(StringComparer.Ordinal);
            lines.AddRange(members);
        }

        return string.Join('\n', lines) + "\n";
    }

    private static string Kind(Type type) =>
        type.IsInterface ? "interface" : type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
}
