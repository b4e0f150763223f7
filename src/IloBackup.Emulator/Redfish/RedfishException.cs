namespace IloBackup.Emulator.Redfish;

/// <summary>
/// Refuses a request with a Base registry message; the pipeline turns it into the error body
/// (<c>error.@Message.ExtendedInfo</c>). Thrown by handlers and by the model's validation.
/// </summary>
public sealed class RedfishException : Exception
{
    public RedfishException()
        : this(BaseMessages.InternalError)
    {
    }

    public RedfishException(string message)
        : this(BaseMessages.InternalError, message)
    {
    }

    public RedfishException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = BaseMessages.InternalError;
        Args = [];
    }

    public RedfishException(BaseMessage error, params string[] args)
        : base((error ?? throw new ArgumentNullException(nameof(error))).Format(args))
    {
        Error = error;
        Args = args;
    }

    public BaseMessage Error { get; }

    public IReadOnlyList<string> Args { get; }

    public int Status => Error.Status;

    /// <summary>Extra response headers (e.g. <c>Allow</c> on 405, <c>Retry-After</c> on 503).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
