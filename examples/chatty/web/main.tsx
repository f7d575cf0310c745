/// <reference types="vite/client" />
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import 'stream-chat-react/dist/css/index.css';
import './styles.css';
import { api, type PublicConfig } from './api.js';
import { ChatScreen } from './chat/ChatScreen.js';
import { SignUp } from './SignUp.js';
import { clearSession, loadSession, type Session, saveSession } from './session.js';

function App() {
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [session, setSession] = useState<Session | undefined>(loadSession);
  useEffect(() => {
    void api.config().then(setConfig);
  }, []);
  if (!config) return <p className="loading">Loading…</p>;
  if (!session) {
    return (
      <SignUp
        countries={config.signUpCountries}
        onSignedUp={(signedUp) => {
          saveSession(signedUp);
          setSession(signedUp);
        }}
      />
    );
  }
  return (
    <ChatScreen
      config={config}
      session={session}
      onSignOut={() => {
        clearSession();
        setSession(undefined);
      }}
    />
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
