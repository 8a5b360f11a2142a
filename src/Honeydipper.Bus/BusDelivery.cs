using Honeydipper.Bus.Protocol;

namespace Honeydipper.Bus;

/// <summary>A message as a consumer receives it: its entry id in the stream and how many times it has been delivered.</summary>
public sealed record BusDelivery(string EntryId, BusMessage Message, long DeliveryCount);
