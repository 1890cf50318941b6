import type { Hook } from '@oclif/core';

import { askYesNo } from '../install-consent/ask-yes-no.js';
import { consentDecision } from '../install-consent/consent-policy.js';
import { installSubject } from '../install-consent/install-subject.js';

/**
 * `plugins:preinstall`, fired by @oclif/plugin-plugins before npm runs: a plugin's code runs inside
 * mcc with the user's AWS credentials, so a package outside the @mcc scope is confirmed first
 * (docs/plugins.md, "Installing plugins"). Refusing throws an error oclif does not swallow (it
 * carries an exit code), so the install stops before anything is fetched or written.
 */
const hook: Hook<'plugins:preinstall'> = async function (options) {
  const subject = installSubject(options.plugin);
  const decision = consentDecision(subject.name, {
    yes: process.env.MCC_YES,
    ci: process.env.CI,
    interactive: Boolean(process.stdin.isTTY),
  });
  if (decision.action === 'allow') {
    if (decision.reason === 'ci') {
      process.stderr.write(
        `Installing ${subject.label}, outside the @mcc scope, without asking: CI is set.\n`,
      );
    }
    return;
  }
  if (decision.action === 'refuse-no-terminal') {
    this.error(
      `${subject.label} is not an @mcc package, and there is no terminal to confirm installing it; nothing was installed. ` +
        'Run again with --yes (or MCC_YES=1) if you trust this package: its code will run inside mcc.',
      { exit: 1, code: 'PLUGIN_INSTALL_UNCONFIRMED' },
    );
  }
  const yes = await askYesNo(
    `${subject.label} is not an @mcc package. Its code will run inside mcc, with your AWS credentials. Install it?`,
  );
  if (!yes) {
    this.error(`Not installing ${subject.label}: not confirmed; nothing was installed.`, {
      exit: 1,
      code: 'PLUGIN_INSTALL_REFUSED',
    });
  }
};

export default hook;
