namespace PatCode.Core.Plugins.Loading.Workers;

/// <summary>The worker beside patcode speaks another protocol or SDK version: the plugin is Incompatible until PatCode is reinstalled whole.</summary>
public sealed class WorkerIncompatibleException : Exception
{
    public WorkerIncompatibleException()
    {
    }

    public WorkerIncompatibleException(string message)
        : base(message)
    {
    }

    public WorkerIncompatibleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
