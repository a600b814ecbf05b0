using System;
using System.Collections.Generic;
using Org.BouncyCastle.Security;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;
using Zsep.Stack.Tests.Cbke;

namespace Zsep.Stack.Tests.KeyEstablishment
{
    /// <summary>One command on the in-memory link between the two sessions.</summary>
    internal sealed record KeMessage(byte Command, bool ServerToClient, byte[] Payload)
    {
        public override string ToString() => KeyEstablishmentCommand.Name(Command, ServerToClient);
    }

    /// <summary>
    /// A joining device (initiator, client) and a Trust Center (responder, server) wired back to back on a
    /// <see cref="VirtualScheduler"/>: each command is delivered after <see cref="Latency"/>, and may be altered,
    /// duplicated or dropped by <see cref="Tamper"/> (return null to drop).
    /// </summary>
    internal sealed class KeyEstablishmentHarness
    {
        public static readonly Eui64 DeviceIeee = new Eui64(0x000D6F0000AABBCC);
        public static readonly Eui64 TrustCenterIeee = new Eui64(0x000D6F0000000001);

        public KeyEstablishmentHarness(KeyEstablishmentIdentity device, KeyEstablishmentIdentity trustCenter, int seed = 1,
            KeyEstablishmentOptions? deviceOptions = null, KeyEstablishmentOptions? trustCenterOptions = null,
            Eui64? deviceAsSeenByTrustCenter = null)
        {
            Scheduler = new VirtualScheduler(seed);
            Initiator = KeyEstablishmentSession.CreateInitiator(device, TrustCenterIeee, Scheduler, (c, d, p) => Deliver(new KeMessage(c, d, p)),
                (deviceOptions ?? new KeyEstablishmentOptions()) with { Random = CbkeCertificateTests.Seeded(seed) });
            Responder = KeyEstablishmentSession.CreateResponder(trustCenter, deviceAsSeenByTrustCenter ?? DeviceIeee, Scheduler, (c, d, p) => Deliver(new KeMessage(c, d, p)),
                (trustCenterOptions ?? new KeyEstablishmentOptions()) with { Random = CbkeCertificateTests.Seeded(seed + 1000) });
            Initiator.Completed += o => InitiatorOutcome = o;
            Responder.Completed += o => ResponderOutcome = o;
            Responder.TerminatedAfterSuccess += s => ResponderLateTermination = s;
        }

        public VirtualScheduler Scheduler { get; }

        public KeyEstablishmentSession Initiator { get; }

        public KeyEstablishmentSession Responder { get; }

        public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(40);

        /// <summary>Sees each command before delivery; returns the payload to deliver (null: drop).</summary>
        public Func<KeMessage, byte[]?>? Tamper { get; set; }

        /// <summary>When set, the command is delivered twice.</summary>
        public Func<KeMessage, bool>? Duplicate { get; set; }

        public List<KeMessage> Sent { get; } = new List<KeMessage>();

        public KeyEstablishmentOutcome? InitiatorOutcome { get; private set; }

        public KeyEstablishmentOutcome? ResponderOutcome { get; private set; }

        public KeyEstablishmentStatus? ResponderLateTermination { get; private set; }

        /// <summary>Starts the initiator and runs until both ended (or a minute of virtual time passed).</summary>
        public void Run()
        {
            Initiator.Start();
            Scheduler.RunUntil(() => InitiatorOutcome is not null && ResponderOutcome is not null && Scheduler.Pending == 0, TimeSpan.FromMinutes(1));
        }

        /// <summary>A credential issued by <paramref name="ca"/> for <paramref name="ieee"/>.</summary>
        public static KeyEstablishmentCredential Issue(TestCertificateAuthority ca, Eui64 ieee, SecureRandom random)
        {
            (ImplicitCertificate cert, CbkePrivateKey key) = ca.Issue(ieee, random);
            return new KeyEstablishmentCredential(cert, key);
        }

        public static KeyEstablishmentIdentity Identity(KeyEstablishmentCredential credential, params CertificateAuthority[] roots) =>
            new KeyEstablishmentIdentity(new[] { credential }, roots);

        private void Deliver(KeMessage message)
        {
            Sent.Add(message);
            byte[]? payload = Tamper is null ? message.Payload : Tamper(message);
            if (payload is null)
            {
                return;
            }

            int copies = Duplicate?.Invoke(message) == true ? 2 : 1;
            for (int i = 0; i < copies; i++)
            {
                KeyEstablishmentSession target = message.ServerToClient ? Initiator : Responder;
                Scheduler.Schedule(Latency + TimeSpan.FromMilliseconds(i), () => target.Receive(message.Command, message.ServerToClient, payload));
            }
        }
    }
}
