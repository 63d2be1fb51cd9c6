using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PatCode.Sdk;

namespace PatCode.Core.Plugins.Discovery;

/// <summary>
/// Reads a plugin's declarations straight from its assembly's metadata tables with
/// System.Reflection.Metadata. Nothing is loaded and no plugin code runs, so listing is safe for
/// untrusted plugins and fast.
/// </summary>
internal static class PluginAssemblyReader
{
    private const string SdkNamespace = "PatCode.Sdk";
    private const string ExportAttributeName = nameof(PatCodePluginAttribute);

    public static PluginAssemblyInfo Read(string assemblyPath)
    {
        FileStream stream;
        try
        {
            stream = File.OpenRead(assemblyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PluginPackageException($"cannot read {assemblyPath}: {e.Message}", e);
        }

        using (stream)
        {
            if (stream.Length == 0)
            {
                throw new PluginPackageException($"{Path.GetFileName(assemblyPath)} is empty (0 bytes): reinstall the plugin");
            }

            try
            {
                using var pe = new PEReader(stream);
                if (!pe.HasMetadata)
                {
                    throw new PluginPackageException($"{Path.GetFileName(assemblyPath)} is a native library, not a .NET assembly: plugin.json must name the plugin's managed DLL");
                }

                var reader = pe.GetMetadataReader();
                if (!reader.IsAssembly)
                {
                    throw new PluginPackageException($"{Path.GetFileName(assemblyPath)} is a .NET module without an assembly manifest");
                }

                return ReadAssembly(reader);
            }
            catch (BadImageFormatException e)
            {
                throw new PluginPackageException($"{Path.GetFileName(assemblyPath)} is not a .NET assembly (it looks like {Describe(assemblyPath)}): reinstall the plugin", e);
            }
        }
    }

    private static PluginAssemblyInfo ReadAssembly(MetadataReader reader)
    {
        var assemblyName = reader.GetString(reader.GetAssemblyDefinition().Name);
        Version? sdkVersion = null;
        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (AttributeTypeName(reader, attribute) is ("System.Reflection", "AssemblyMetadataAttribute"))
            {
                var value = attribute.DecodeValue(AttributeTypeProvider.Instance);
                if (value.FixedArguments is [{ Value: "PatCodeSdkVersion" }, { Value: string version }])
                {
                    sdkVersion = Version.TryParse(version, out var parsed) ? parsed : null;
                }
            }
        }

        var plugins = new List<DeclaredPlugin>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            foreach (var handle in type.GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(handle);
                if (AttributeTypeName(reader, attribute) is (SdkNamespace, ExportAttributeName))
                {
                    var typeName = $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}".TrimStart('.');
                    plugins.Add(new DeclaredPlugin(typeName, ToMetadata(attribute.DecodeValue(AttributeTypeProvider.Instance))));
                }
            }
        }

        return new PluginAssemblyInfo(assemblyName, sdkVersion, plugins);
    }

    private static PluginMetadata ToMetadata(CustomAttributeValue<string> value)
    {
        if (value.FixedArguments is not [{ Value: string name }] || string.IsNullOrWhiteSpace(name))
        {
            throw new PluginPackageException("a [PatCodePlugin] attribute has no name");
        }

        if (PluginName.Validate(name) is { } badName)
        {
            throw new PluginPackageException($"[PatCodePlugin] name {badName}");
        }

        var metadata = new PluginMetadata(name);
        foreach (var argument in value.NamedArguments)
        {
            metadata = argument.Name switch
            {
                nameof(PatCodePluginAttribute.Version) when argument.Value is string s => metadata with { Version = s },
                nameof(PatCodePluginAttribute.Author) when argument.Value is string s => metadata with { Author = s },
                nameof(PatCodePluginAttribute.Description) when argument.Value is string s => metadata with { Description = s },
                nameof(PatCodePluginAttribute.Priority) when argument.Value is int p && Enum.IsDefined((PluginPriority)p) => metadata with { Priority = (PluginPriority)p },
                nameof(PatCodePluginAttribute.EnabledByDefault) when argument.Value is bool b => metadata with { EnabledByDefault = b },
                nameof(PatCodePluginAttribute.Dependencies) when argument.Value is ImmutableArray<CustomAttributeTypedArgument<string>> items =>
                    metadata with { Dependencies = [.. items.Select(i => i.Value as string).OfType<string>()] },
                _ => metadata,
            };
        }

        return metadata;
    }

    private static (string Namespace, string Name) AttributeTypeName(MetadataReader reader, CustomAttribute attribute)
    {
        EntityHandle declaringType = attribute.Constructor.Kind switch
        {
            HandleKind.MemberReference => reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent,
            HandleKind.MethodDefinition => reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType(),
            _ => default,
        };

        return declaringType.Kind switch
        {
            HandleKind.TypeReference => Names(reader, reader.GetTypeReference((TypeReferenceHandle)declaringType)),
            HandleKind.TypeDefinition => Names(reader, reader.GetTypeDefinition((TypeDefinitionHandle)declaringType)),
            _ => ("", ""),
        };
    }

    private static (string, string) Names(MetadataReader reader, TypeReference type) => (reader.GetString(type.Namespace), reader.GetString(type.Name));

    private static (string, string) Names(MetadataReader reader, TypeDefinition type) => (reader.GetString(type.Namespace), reader.GetString(type.Name));

    private static string Describe(string path)
    {
        Span<byte> head = stackalloc byte[4];
        using var file = File.OpenRead(path);
        var read = file.Read(head);
        return read == 4 && head[0] == 0x7F && head[1] == (byte)'E' && head[2] == (byte)'L' && head[3] == (byte)'F'
            ? "a native ELF library"
            : read >= 2 && head[0] == (byte)'M' && head[1] == (byte)'Z' ? "a native Windows library" : "text or other data";
    }
}
