using System.Runtime.CompilerServices;

namespace Honeydipper.Cli.Inspect;

/// <summary>
/// Calls and streams whose failures reach the user as one line: a source's <c>explain</c> turns the exceptions it
/// knows (refused connections, error statuses) into <see cref="ApiCallException"/>; anything else is a bug and
/// surfaces as it is.
/// </summary>
internal static class Explained
{
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, Func<Exception, ApiCallException?> explain)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(explain);
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (explain(ex) is { } error)
        {
            throw error;
        }
    }

    public static async IAsyncEnumerable<T> StreamAsync<T>(IAsyncEnumerable<T> source, Func<Exception, ApiCallException?> explain, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(explain);
        IAsyncEnumerator<T> items = source.GetAsyncEnumerator(cancellationToken);
        await using ConfiguredAsyncDisposable disposer = items.ConfigureAwait(false);
        while (true)
        {
            bool more;
            try
            {
                more = await items.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (explain(ex) is { } error)
            {
                throw error;
            }

            if (!more)
            {
                yield break;
            }

            yield return items.Current;
        }
    }
}
