using System;
using System.Collections.Generic;
using Zsep.Stack.Application;
using Zsep.Stack.Runtime;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.KeyEstablishment
{
    /// <summary>
    /// The Key Establishment cluster (0x0800, SE 1.4 07-5356-21 Annex C.3) on one ZCL endpoint, in both roles: the
    /// server side answers a partner's Initiate Key Establishment Request with a responder session (one per partner),
    /// the client side carries the sessions this party initiates (<see cref="Initiate"/>). Responses go back with the
    /// request's TSN (ZCL 2.4.1.3); the session's own timers send a late Terminate as a new command. The frames travel
    /// with NWK security only (ZigbeeNode.RequiresApsSecurity excludes 0x0800, SE 1.4 5.4.6 / C.3).
    /// </summary>
    public sealed class KeyEstablishmentEndpoint
    {
        private readonly ZclApplication _application;
        private readonly ZclEndpoint _endpoint;
        private readonly IStackScheduler _scheduler;
        private readonly Func<KeyEstablishmentIdentity?> _identity;
        private readonly Dictionary<(Eui64, KeyEstablishmentRole), KeyEstablishmentSession> _sessions = new Dictionary<(Eui64, KeyEstablishmentRole), KeyEstablishmentSession>();
        private ZclRequestContext? _replyTo;

        /// <summary>
        /// Attaches to <paramref name="endpoint"/> of <paramref name="application"/>; <paramref name="identity"/> gives this
        /// party's credentials and roots for each new session (null: it has none, and answers Terminate UnsupportedSuite).
        /// </summary>
        public KeyEstablishmentEndpoint(ZclApplication application, ZclEndpoint endpoint, Func<KeyEstablishmentIdentity?> identity, KeyEstablishmentOptions? options = null)
        {
            _application = application ?? throw new ArgumentNullException(nameof(application));
            _endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
            _identity = identity ?? throw new ArgumentNullException(nameof(identity));
            _scheduler = application.Scheduler;
            Options = options ?? new KeyEstablishmentOptions();
            ZclClusterServer server = endpoint.GetServer(KeyEstablishmentCommand.ClusterId) ?? endpoint.AddServer(KeyEstablishmentCommand.ClusterId);
            ZclClusterServer client = endpoint.GetClient(KeyEstablishmentCommand.ClusterId) ?? endpoint.AddClient(KeyEstablishmentCommand.ClusterId);
            if (server.GetAttribute(0x0000) is null)
            {
                server.Add("KeyEstablishmentSuite", (ushort)(identity()?.SupportedSuites ?? KeyEstablishmentSuites.None));
            }

            for (byte command = 0; command <= KeyEstablishmentCommand.TerminateKeyEstablishment; command++)
            {
                server.Handle(command, OnRequest);
                client.Handle(command, OnResponse);
            }
        }

        /// <summary>Options of the sessions created from now on.</summary>
        public KeyEstablishmentOptions Options { get; set; }

        /// <summary>Sees every outgoing command (id, server-to-client, payload) and returns the bytes to send: for simulating a misbehaving device only.</summary>
        public Func<byte, bool, byte[], byte[]>? OutgoingFilter { get; set; }

        /// <summary>Raised when a session ends (only the current session of its partner and role).</summary>
        public event Action<KeyEstablishmentOutcome>? Completed;

        /// <summary>Raised when the partner rejects, after this party succeeded (the responder's MACV was refused): undo the key.</summary>
        public event Action<Eui64, KeyEstablishmentStatus>? TerminatedAfterSuccess;

        /// <summary>Updates the KeyEstablishmentSuite attribute (C.3.1.1.1) after the credentials changed.</summary>
        public void RefreshSuites() =>
            _endpoint.GetServer(KeyEstablishmentCommand.ClusterId)?.Set(0x0000, (ushort)(_identity()?.SupportedSuites ?? KeyEstablishmentSuites.None));

        /// <summary>The current session with a partner in a role, or null.</summary>
        public KeyEstablishmentSession? GetSession(Eui64 partner, KeyEstablishmentRole role) =>
            _sessions.TryGetValue((partner, role), out KeyEstablishmentSession? s) ? s : null;

        /// <summary>
        /// Starts key establishment as the client (initiator U) toward the partner's Key Establishment server at
        /// <paramref name="address"/>/<paramref name="partnerEndpoint"/>. A session in progress with that partner is abandoned.
        /// </summary>
        /// <exception cref="InvalidOperationException">This party has no credential (or none of <paramref name="suite"/>).</exception>
        public KeyEstablishmentSession Initiate(Eui64 partner, NwkAddress address, byte partnerEndpoint, Security.Cbke.CryptoSuite? suite = null)
        {
            KeyEstablishmentIdentity identity = _identity() ?? throw new InvalidOperationException("This party has no certificate for key establishment.");
            KeyEstablishmentOptions options = suite is { } s ? Options with { Suite = s } : Options;
            KeyEstablishmentSession session = KeyEstablishmentSession.CreateInitiator(identity, partner, _scheduler,
                (c, toClient, p) => Send(address, partnerEndpoint, c, toClient, p), options);
            Track(session);
            session.Start();
            return session;
        }

        private ZclStatus OnRequest(ZclRequestContext context)
        {
            context.SuppressDefaultResponse();
            if (context.SourceIeee is not Eui64 partner || context.Broadcast)
            {
                return ZclStatus.Success; // a partner we cannot name cannot be checked against its certificate's subject
            }

            byte command = context.Header.CommandId;
            KeyEstablishmentSession? session = GetSession(partner, KeyEstablishmentRole.Responder);
            if (command == KeyEstablishmentCommand.InitiateKeyEstablishment)
            {
                KeyEstablishmentIdentity? identity = _identity();
                if (identity is null)
                {
                    Reply(context, KeyEstablishmentCommand.TerminateKeyEstablishment,
                        new TerminateKeyEstablishment(KeyEstablishmentStatus.UnsupportedSuite, Options.TerminateWaitTime, KeyEstablishmentSuites.None).ToArray());
                    return ZclStatus.Success;
                }

                NwkAddress address = context.Source;
                byte endpoint = context.SourceEndpoint;
                session = KeyEstablishmentSession.CreateResponder(identity, partner, _scheduler,
                    (c, toClient, p) => Send(address, endpoint, c, toClient, p), Options);
                Track(session);
            }
            else if (session is null || session.Outcome is not null)
            {
                if (command != KeyEstablishmentCommand.TerminateKeyEstablishment || session is null)
                {
                    if (command != KeyEstablishmentCommand.TerminateKeyEstablishment)
                    {
                        Reply(context, KeyEstablishmentCommand.TerminateKeyEstablishment,
                            new TerminateKeyEstablishment(KeyEstablishmentStatus.BadMessage, Options.TerminateWaitTime, _identity()?.SupportedSuites ?? KeyEstablishmentSuites.None).ToArray());
                    }

                    return ZclStatus.Success;
                }
            }

            Deliver(session, context, serverToClient: false);
            return ZclStatus.Success;
        }

        private ZclStatus OnResponse(ZclRequestContext context)
        {
            context.SuppressDefaultResponse();
            if (context.SourceIeee is Eui64 partner && GetSession(partner, KeyEstablishmentRole.Initiator) is { } session)
            {
                Deliver(session, context, serverToClient: true);
            }

            return ZclStatus.Success;
        }

        private void Deliver(KeyEstablishmentSession session, ZclRequestContext context, bool serverToClient)
        {
            _replyTo = serverToClient ? null : context;
            try
            {
                session.Receive(context.Header.CommandId, serverToClient, context.Payload);
            }
            finally
            {
                _replyTo = null;
            }
        }

        private void Track(KeyEstablishmentSession session)
        {
            var key = (session.Partner, session.Role);
            _sessions[key] = session;
            session.Completed += outcome =>
            {
                if (_sessions.TryGetValue(key, out KeyEstablishmentSession? current) && current == session)
                {
                    Completed?.Invoke(outcome);
                }
            };
            session.TerminatedAfterSuccess += status =>
            {
                if (_sessions.TryGetValue(key, out KeyEstablishmentSession? current) && current == session)
                {
                    TerminatedAfterSuccess?.Invoke(session.Partner, status);
                }
            };
        }

        /// <summary>A responder's answer inside the request's handler goes back with the request's TSN; anything else is a new command.</summary>
        private void Send(NwkAddress address, byte partnerEndpoint, byte command, bool serverToClient, byte[] payload)
        {
            payload = OutgoingFilter?.Invoke(command, serverToClient, payload) ?? payload;
            if (_replyTo is { } context && serverToClient)
            {
                Reply(context, command, payload);
                return;
            }

            _application.SendCommand(address, partnerEndpoint, KeyEstablishmentCommand.ClusterId, command, payload, TimeSpan.Zero, null,
                serverToClient ? ZclDirection.ServerToClient : ZclDirection.ClientToServer, _endpoint.Endpoint);
        }

        private static void Reply(ZclRequestContext context, byte command, byte[] payload) => context.Respond(command, payload);
    }
}
