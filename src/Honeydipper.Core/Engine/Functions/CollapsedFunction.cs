namespace Honeydipper.Core.Engine.Functions;

/// <summary>A function followed down its target chain: the driver and raw action, and the merged parameters and system data.</summary>
public sealed record CollapsedFunction(string Driver, string RawAction, Dictionary<string, object?>? Parameters, Dictionary<string, object?>? SysData);
