namespace PatCode.Telemetry.Events;

/// <summary>
/// A fixed-capacity buffer that overwrites its oldest item. A plain lock is fine here: events and finished
/// spans arrive at human rates, unlike metric measurements.
/// </summary>
internal sealed class RingBuffer<T>
    where T : class
{
    private readonly T?[] _items;
    private readonly Lock _gate = new();
    private long _written;

    public RingBuffer(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T?[capacity];
    }

    public int Capacity => _items.Length;

    /// <summary>Items added since the start or the last <see cref="Clear"/>, including those overwritten.</summary>
    public long Written
    {
        get
        {
            lock (_gate)
            {
                return _written;
            }
        }
    }

    public void Add(T item)
    {
        lock (_gate)
        {
            _items[_written % _items.Length] = item;
            _written++;
        }
    }

    /// <summary>The kept items, oldest first.</summary>
    public List<T> ToList()
    {
        lock (_gate)
        {
            var count = (int)Math.Min(_written, _items.Length);
            var result = new List<T>(count);
            for (var i = _written - count; i < _written; i++)
            {
                result.Add(_items[i % _items.Length]!);
            }

            return result;
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_items);
            _written = 0;
        }
    }
}
