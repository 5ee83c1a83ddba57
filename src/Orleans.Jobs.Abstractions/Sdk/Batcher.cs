namespace Orleans.Jobs;

/// <summary>
/// Buffers items and hands them to a flush delegate in batches: when the buffer reaches its size, when the job calls
/// <see cref="FlushAsync"/>, and (for batchers made by <see cref="IJobContext.CreateBatcher{T}"/>) before every checkpoint.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Batcher<T> : IBatcherFlush
{
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> _flush;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<T> _buffer;

    /// <summary>Creates a batcher of <paramref name="size"/> items.</summary>
    public Batcher(int size, Func<IReadOnlyList<T>, CancellationToken, Task> flush)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Size = size;
        _flush = flush ?? throw new ArgumentNullException(nameof(flush));
        _buffer = new List<T>(size);
    }

    /// <summary>The number of items that triggers a flush.</summary>
    public int Size { get; }

    /// <summary>Items buffered and not yet flushed.</summary>
    public int Pending => _buffer.Count;

    /// <summary>Adds an item; flushes when the buffer is full.</summary>
    public async Task AppendAsync(T item, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _buffer.Add(item);
            if (_buffer.Count >= Size)
            {
                await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Hands every buffered item to the flush delegate.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FlushLockedAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Count == 0)
        {
            return;
        }

        // The buffer is replaced only after a successful flush, so a failed flush keeps its items for the retry.
        await _flush(_buffer, cancellationToken).ConfigureAwait(false);
        _buffer = new List<T>(Size);
    }
}

/// <summary>Lets the engine flush a batcher without knowing its item type.</summary>
internal interface IBatcherFlush
{
    Task FlushAsync(CancellationToken cancellationToken);
}
