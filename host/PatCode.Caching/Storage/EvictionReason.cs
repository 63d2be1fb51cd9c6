namespace PatCode.Caching.Storage;

internal enum EvictionReason
{
    Expired,
    OverEntryLimit,
    OverByteLimit,
}
