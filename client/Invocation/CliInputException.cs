namespace Orleans.Jobs.Cli.Invocation;

/// <summary>Input the command line itself refuses (before anything is sent), naming the flag or file at fault.</summary>
internal sealed class CliInputException(string message) : Exception(message);
