using System.Diagnostics;
using Honeydipper.Bus.Protocol;
using StackExchange.Redis;

namespace Honeydipper.Benchmarks.Redis;

/// <summary>
/// The ceiling the bus works under: messages shaped like our commands (encoded by <see cref="BusCodec"/>) through one
/// stream as fast as one producer and one consumer group can pipeline XADD, XREADGROUP and XACK on the same server.
/// </summary>
public static class RawStreamRate
{
    public static async Task<double> MeasureAsync(string configuration, int count, CancellationToken cancellationToken)
    {
        using ConnectionMultiplexer producerConnection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        using ConnectionMultiplexer consumerConnection = await ConnectionMultiplexer.ConnectAsync(configuration).ConfigureAwait(false);
        IDatabase producer = producerConnection.GetDatabase();
        IDatabase consumer = consumerConnection.GetDatabase();
        string key = "bench:raw:" + Guid.NewGuid().ToString("N");
        await producer.StreamCreateConsumerGroupAsync(key, "g", "0-0", createStream: true).ConfigureAwait(false);
        BusCommand command = new(Guid.NewGuid().ToString("N"), "noop", "return",
            new Dictionary<string, string> { ["sessionID"] = "s-1234567890", ["eventID"] = Guid.NewGuid().ToString() },
            new Dictionary<string, object?> { ["step"] = "first" });
        NameValueEntry[] fields = [.. BusCodec.Encode(command.ToMessage()).Select(f => new NameValueEntry(f.Key, f.Value))];
        const int Batch = 500;

        Stopwatch clock = Stopwatch.StartNew();
        Task produce = Task.Run(async () =>
        {
            for (int sent = 0; sent < count; sent += Batch)
            {
                Task[] adds = new Task[Math.Min(Batch, count - sent)];
                for (int i = 0; i < adds.Length; i++)
                {
                    adds[i] = producer.StreamAddAsync(key, fields);
                }

                await Task.WhenAll(adds).ConfigureAwait(false);
            }
        }, cancellationToken);

        int received = 0;
        while (received < count)
        {
            StreamEntry[] entries = await consumer.StreamReadGroupAsync(key, "g", "c", ">", Batch).ConfigureAwait(false);
            if (entries.Length == 0)
            {
                await Task.Yield();
                continue;
            }

            // The ack goes out with the next read on the same connection: pipelined, as the bus's subscriptions do.
            _ = consumer.StreamAcknowledgeAsync(key, "g", [.. entries.Select(e => e.Id)]);
            received += entries.Length;
        }

        await consumer.PingAsync().ConfigureAwait(false); // the last ack is in
        await produce.ConfigureAwait(false);
        clock.Stop();
        long pending = (await consumer.StreamPendingAsync(key, "g").ConfigureAwait(false)).PendingMessageCount;
        await producer.KeyDeleteAsync(key).ConfigureAwait(false);
        if (pending != 0)
        {
            throw new InvalidOperationException($"{pending} raw messages left unacknowledged");
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
