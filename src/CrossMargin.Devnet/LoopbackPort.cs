using System.Net;
using System.Net.Sockets;

namespace CrossMargin.Devnet;

/// <summary>The one free-port picker: a loopback TCP port nobody listens on right now.</summary>
public static class LoopbackPort
{
    /// <summary>
    /// A port the OS just handed out and released. Another process may take it before the caller binds it, so a caller
    /// that starts a server on it retries with a new one when the bind fails (as <see cref="AnvilNode"/> does).
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
