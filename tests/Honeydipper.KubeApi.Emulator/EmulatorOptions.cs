namespace Honeydipper.KubeApi.Emulator;

/// <summary>How an emulator instance runs; the defaults suit tests.</summary>
public sealed record EmulatorOptions
{
    /// <summary>The loopback port to listen on; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>How many events the watch history keeps before older resourceVersions answer 410 Gone.</summary>
    public int HistoryLimit { get; init; } = 10_000;

    /// <summary>How often a watch that allows bookmarks gets one (kube-apiserver: about a minute).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a watch without timeoutSeconds stays open.</summary>
    public TimeSpan DefaultWatchTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The clock for creation and deletion timestamps and ages.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
