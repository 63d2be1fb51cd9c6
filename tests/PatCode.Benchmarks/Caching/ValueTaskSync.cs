namespace PatCode.Benchmarks.Caching;

/// <summary>Benchmarks call the SQLite cache synchronously: its ValueTasks complete at once, so this never blocks there.</summary>
internal static class ValueTaskSync
{
    public static T Wait<T>(this ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}
