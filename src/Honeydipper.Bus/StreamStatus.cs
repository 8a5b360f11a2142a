namespace Honeydipper.Bus;

/// <summary>A stream's length and, for one group, how many of its messages are delivered but not acknowledged.</summary>
public sealed record StreamStatus(long Length, long Pending);
