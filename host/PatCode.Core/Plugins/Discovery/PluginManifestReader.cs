using System.Text.Json;

namespace PatCode.Core.Plugins.Discovery;

/// <summary>Reads plugin.json, turning every way it can be wrong into a reason the user can act on.</summary>
internal static class PluginManifestReader
{
    public static PluginManifest Read(string folder)
    {
        var path = Path.Combine(folder, PluginManifest.FileName);
        if (!File.Exists(path))
        {
            throw new PluginPackageException($"no {PluginManifest.FileName} in {folder}: a plugin folder holds the plugin's DLL and the manifest its build writes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PluginPackageException($"{path} is not valid JSON (line {e.LineNumber + 1}): rebuild the plugin or fix the file", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PluginPackageException($"{path} must hold a JSON object");
            }

            var assembly = RequiredString(root, "assembly", path);
            if (assembly.Contains('/', StringComparison.Ordinal) || assembly.Contains('\\', StringComparison.Ordinal) || !assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            {
                throw new PluginPackageException($"{path}: \"assembly\" must be a .dll file name in the plugin's folder, not '{assembly}'");
            }

            var name = OptionalString(root, "name") ?? Path.GetFileNameWithoutExtension(assembly);
            if (PluginName.Validate(name) is { } badName)
            {
                throw new PluginPackageException($"{path}: {badName}");
            }

            var sdkVersion = RequiredString(root, "sdkVersion", path);
            if (!System.Version.TryParse(sdkVersion, out _))
            {
                throw new PluginPackageException($"{path}: \"sdkVersion\" '{sdkVersion}' is not a version such as 1.0.0");
            }

            var schema = root.TryGetProperty("schema", out var s) && s.TryGetInt32(out var n) ? n : 1;
            return new PluginManifest(schema, name, assembly, OptionalString(root, "version") ?? "0.0.0", sdkVersion);
        }
    }

    private static string RequiredString(JsonElement root, string property, string path) =>
        OptionalString(root, property) ?? throw new PluginPackageException($"{path} has no \"{property}\": rebuild the plugin against PatCode.Sdk");

    private static string? OptionalString(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
