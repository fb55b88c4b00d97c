using System.CommandLine;
using CrossMargin.Cli.Options;

namespace CrossMargin.Cli.Tests.Options;

/// <summary>The one node binder: defaults, $CROSSMARGIN_RPC_PORT, URL checks and their messages.</summary>
public sealed class RpcEndpointOptionsTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:8545/")]
    [InlineData("", "http://127.0.0.1:8545/")]
    [InlineData("18660", "http://127.0.0.1:18660/")]
    public void Rpc_Connect_DefaultIsTheLocalDevnetOnTheVariablesPort(string? port, string expected)
    {
        var (binder, parse) = Parse(NodeChoice.Connect, port);
        Assert.Equal(new Uri(expected), binder.Rpc(parse));
        Assert.Null(binder.Ws(parse));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("70000")]
    [InlineData("-1")]
    public void Rpc_BadPortVariable_UsageErrorNamingIt(string port)
    {
        var (binder, parse) = Parse(NodeChoice.Connect, port);
        var e = Assert.Throws<UsageException>(() => binder.Rpc(parse));
        Assert.Equal($"CROSSMARGIN_RPC_PORT='{port}' is not a TCP port (1–65535)", e.Message);
    }

    [Fact]
    public void Rpc_ExplicitUrl_WinsAndTheVariableIsNotRead()
    {
        var (binder, parse) = Parse(NodeChoice.Connect, "not a port", "--rpc-url", "https://node.example:8443", "--ws-url", "wss://node.example:8444");
        Assert.Empty(parse.Errors);
        Assert.Equal(new Uri("https://node.example:8443"), binder.Rpc(parse));
        Assert.Equal(new Uri("wss://node.example:8444"), binder.Ws(parse));
    }

    [Theory]
    [InlineData("--rpc-url", "ftp://x", "--rpc-url expects a http or https URL, got 'ftp://x'")]
    [InlineData("--rpc-url", "127.0.0.1:8545", "--rpc-url expects a http or https URL, got '127.0.0.1:8545'")]
    [InlineData("--ws-url", "http://x", "--ws-url expects a ws or wss URL, got 'http://x'")]
    public void Parse_BadUrl_NamedError(string option, string value, string message)
    {
        var (_, parse) = Parse(NodeChoice.Connect, null, option, value);
        Assert.Equal([message], parse.Errors.Select(e => e.Message));
    }

    [Fact]
    public void StartOrConnect_NoRpcUrl_StartsAnvilOnTheVariablesPortOrPortOption()
    {
        var (binder, parse) = Parse(NodeChoice.StartOrConnect, "18670");
        Assert.Null(binder.Rpc(parse));
        Assert.Equal(18670, binder.AnvilPort(parse));
        (binder, parse) = Parse(NodeChoice.StartOrConnect, "18670", "--port", "18671");
        Assert.Equal(18671, binder.AnvilPort(parse));
        (binder, parse) = Parse(NodeChoice.StartOrConnect, null);
        Assert.Equal(8545, binder.AnvilPort(parse));
    }

    [Theory]
    [InlineData("--ws-url needs --rpc-url (without it Anvil is started and its WebSocket used)", "--ws-url", "ws://127.0.0.1:1")]
    [InlineData("--port must be a TCP port (1–65535)", "--port", "70000")]
    public void StartOrConnect_Invalid_NamedError(string message, params string[] args)
    {
        var (_, parse) = Parse(NodeChoice.StartOrConnect, null, args);
        Assert.Equal([message], parse.Errors.Select(e => e.Message));
    }

    private static (RpcEndpointOptions Binder, ParseResult Parse) Parse(NodeChoice choice, string? portVariable, params string[] args)
    {
        var binder = new RpcEndpointOptions(choice, webSocket: true, name => name == RpcEndpointOptions.PortVariable ? portVariable : null);
        var command = new RootCommand();
        binder.AddTo(command);
        return (binder, command.Parse(args));
    }
}
