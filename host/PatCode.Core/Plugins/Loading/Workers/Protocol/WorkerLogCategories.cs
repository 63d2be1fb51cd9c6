namespace PatCode.Core.Plugins.Loading.Workers.Protocol;

/// <summary>The log category of PatCode's own lines about plugins, in the host and in a worker alike.</summary>
internal static class WorkerLogCategories
{
    public const string Host = "PatCode.Plugins";
}
