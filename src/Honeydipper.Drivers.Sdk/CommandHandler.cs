namespace Honeydipper.Drivers.Sdk;

/// <summary>Performs one raw action. Throwing is the same as answering error with the exception's message.</summary>
public delegate Task<CommandResult> CommandHandler(CommandContext context, CancellationToken cancellationToken);
