namespace NodeSim;

/// <summary>
/// Bad input from the user (command line, scenario or trace file): reported as one clear message
/// with no stack trace, exit code 2.
/// </summary>
public class UserInputException(string message, Exception? inner = null) : Exception(message, inner);
