// The client's restart policy for a crashing language server (the rest of the client needs VS Code).
import { strict as assert } from 'assert';
import { RestartBudget } from '../../client/src/restartBudget';

describe('client: restart budget', () => {
  it('allows a few restarts, refuses more within the window, and allows again once it has passed', () => {
    let now = 0;
    const budget = new RestartBudget(3, 60_000, () => now);
    assert.deepEqual([budget.allow(), budget.allow(), budget.allow(), budget.allow()], [true, true, true, false]);
    now = 30_000;
    assert.equal(budget.allow(), false);
    now = 60_001;
    assert.equal(budget.allow(), true, 'the first three crashes are older than the window');
  });

  it('starts afresh after a deliberate restart', () => {
    const budget = new RestartBudget(1, 60_000, () => 0);
    assert.equal(budget.allow(), true);
    assert.equal(budget.allow(), false);
    budget.reset();
    assert.equal(budget.allow(), true);
  });
});
