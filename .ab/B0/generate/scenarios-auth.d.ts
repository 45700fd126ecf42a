/**
 * Authentication scenarios (found by the `auth` detector).
 *
 * - `bruteforce.ssh`: a compromised workstation runs a password-guessing tool (hydra-like)
 *   against the SSH bastion: 60–120 short sessions within 15–25 minutes, each a full TCP
 *   session in which the server sends its banner and key exchange (~2 KB) and closes after the
 *   failed attempts. After a pause of 35–60 minutes it guesses again, 40–60 sessions against a
 *   Linux workstation whose sshd listens on 2222 (Zeek still names the service `ssh`).
 * - `lateral.admin`: a workstation with stolen credentials opens admin sessions — SMB (psexec
 *   style: a service binary copied and started), RDP and WinRM — to 8–15 other internal hosts
 *   it never talked to before, within 2–6 minutes. Fewer hosts per port than the horizontal
 *   scan threshold (25 in 5 minutes), and every session is answered and carries data.
 */
import type { GenContext } from './actor.js';
import type { ScenarioLabel } from './labels.js';
import type { Host } from './network.js';
import { OutboundScenario } from './scenario-base.js';
/** Two rounds of SSH password guessing: the bastion on 22, then a workstation on 2222. */
export declare class BruteforceSsh extends OutboundScenario {
    private readonly phases;
    private phase;
    private index;
    private readonly emitted;
    /** Server reply size of this sshd build: the same every time, give or take padding. */
    private readonly respBase;
    constructor(ctx: GenContext, host: Host);
    expectedConnections(): number;
    protected fire(t: number): void;
    label(): ScenarioLabel;
}
/** SMB, RDP and WinRM sessions to 8–15 internal hosts within a few minutes. */
export declare class LateralAdmin extends OutboundScenario {
    private readonly sessions;
    private index;
    private readonly spanUs;
    constructor(ctx: GenContext, host: Host);
    expectedConnections(): number;
    protected fire(t: number): void;
    label(): ScenarioLabel;
}
