using PatCode.Core.Plugins.Invocation;

namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>A call into a worker that ended without an answer: timed out (and the worker killed), crashed, or failed in the worker.</summary>
internal sealed class WorkerCallException : Exception
{
    public WorkerCallException(PluginCallResult result)
        : base(result.Error)
    {
        Result = result;
    }

    public PluginCallResult Result { get; }
}
