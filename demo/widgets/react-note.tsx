// A React-controlled form in the demo CRM: its inputs render from React state, so a `fill` action must
// go through the native value setter and an input event to stick (the e2e test checks the state).
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function QuickContact() {
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  return (
    <form onSubmit={(e) => e.preventDefault()}>
      <label>
        Phone <input id="react-phone" value={phone} onChange={(e) => setPhone(e.target.value)} />
      </label>
      <label>
        Name <input id="react-name" value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <button
        id="react-save"
        type="button"
        onClick={() => document.body.setAttribute('data-saved', `${name}|${phone}`)}
      >
        Save
      </button>
      <div id="react-state" className="muted">
        React state: {JSON.stringify({ phone, name })}
      </div>
    </form>
  );
}

const root = document.getElementById('react-contact');
if (root) createRoot(root).render(<QuickContact />);
