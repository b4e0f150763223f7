namespace IloBackup.Emulator.Redfish;

/// <summary>A route's handler: reads the request, asks the model, returns what to answer.</summary>
public delegate ValueTask<RedfishResponse> RedfishHandler(RedfishRequest request);
