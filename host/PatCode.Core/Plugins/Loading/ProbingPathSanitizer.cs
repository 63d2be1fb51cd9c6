using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PatCode.Core.Plugins.Loading;

/// <summary>
/// Keeps a plugin's loader inside the plugin's folder. A runtimeconfig.json (or .dev.json) may list
/// additional probing paths and a deps.json may name asset paths; any that lead outside the folder would let
/// the loader pick up code nobody trusted. Those are removed, each with a warning; probing paths that stay
/// inside are rewritten as absolute paths into the folder the plugin is loaded from.
/// </summary>
internal static class ProbingPathSanitizer
{
    private static readonly string[] AssetGroups = ["runtime", "native", "resources", "runtimeTargets"];

    /// <summary>Whether a file of this name can name probing paths.</summary>
    public static bool Concerns(string relative)
    {
        var name = Path.GetFileName(relative);
        return name.EndsWith(".runtimeconfig.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".runtimeconfig.dev.json", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Returns <paramref name="content"/> without paths that lead outside <paramref name="sourceFolder"/> (the
    /// plugin's folder, which relative paths are read against), or the same array when nothing had to go.
    /// </summary>
    public static byte[] Sanitize(string relative, byte[] content, string sourceFolder, string loadFolder, ICollection<string> warnings)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return content; // the runtime cannot read it either, so it points nowhere
        }

        var changed = relative.EndsWith(".deps.json", StringComparison.OrdinalIgnoreCase)
            ? SanitizeDeps(relative, root, warnings)
            : SanitizeRuntimeConfig(relative, root, sourceFolder, loadFolder, warnings);
        return changed ? Encoding.UTF8.GetBytes(root!.ToJsonString()) : content;
    }

    private static bool SanitizeRuntimeConfig(string relative, JsonNode? root, string sourceFolder, string loadFolder, ICollection<string> warnings)
    {
        if (root?["runtimeOptions"]?["additionalProbingPaths"] is not JsonArray paths)
        {
            return false;
        }

        var kept = new JsonArray();
        foreach (var node in paths)
        {
            var path = node?.GetValue<string>() ?? "";
            var inside = Inside(sourceFolder, path);
            if (inside is null)
            {
                warnings.Add($"{relative}: probing path '{path}' points outside the plugin's folder and is ignored");
            }
            else
            {
                kept.Add(Path.Combine(loadFolder, inside));
            }
        }

        root["runtimeOptions"]!["additionalProbingPaths"] = kept;
        return true;
    }

    private static bool SanitizeDeps(string relative, JsonNode? root, ICollection<string> warnings)
    {
        var changed = false;
        foreach (var (_, target) in root?["targets"]?.AsObject() ?? [])
        {
            foreach (var (library, entry) in target?.AsObject() ?? [])
            {
                foreach (var group in AssetGroups)
                {
                    if (entry?[group] is not JsonObject assets)
                    {
                        continue;
                    }

                    foreach (var asset in assets.Select(a => a.Key).Where(Escapes).ToList())
                    {
                        warnings.Add($"{relative}: {library} names '{asset}', outside the plugin's folder; ignored");
                        assets.Remove(asset);
                        changed = true;
                    }
                }
            }
        }

        // A library looked for outside goes whole: the runtime's host does not cope with a library that has no path.
        var libraries = root?["libraries"]?.AsObject();
        foreach (var (library, entry) in libraries?.ToList() ?? [])
        {
            if (entry?["path"]?.GetValue<string>() is { } path && Escapes(path))
            {
                warnings.Add($"{relative}: {library} is looked for in '{path}', outside the plugin's folder; ignored");
                libraries!.Remove(library);
                foreach (var (_, target) in root?["targets"]?.AsObject() ?? [])
                {
                    target?.AsObject().Remove(library);
                }

                changed = true;
            }
        }

        return changed;
    }

    /// <summary>The path relative to <paramref name="folder"/> when <paramref name="path"/> stays inside it; else null.</summary>
    private static string? Inside(string folder, string path)
    {
        if (path.Length == 0 || path.Contains('|', StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(folder, path));
        var relative = Path.GetRelativePath(folder, full);
        return relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative) ? null : relative;
    }

    private static bool Escapes(string path) =>
        Path.IsPathRooted(path) || path.Replace('\\', '/').Split('/').Contains("..");
}
