import { useState } from 'react';
import { CodeForm } from './CodeForm.js';
import { type Details, DetailsForm } from './DetailsForm.js';
import { guessCountry } from './phone.js';
import type { Session } from './session.js';

/**
 * Sign-up in two steps: name and phone, then the code texted to that phone. The details are
 * kept here, so "Use another number" returns to them as they were typed.
 */
export function SignUp({
  countries,
  onSignedUp,
}: {
  /** Countries whose numbers may sign up (from the server's config). */
  countries: string[];
  onSignedUp: (session: Session) => void;
}) {
  const [details, setDetails] = useState<Details>(() => ({
    name: '',
    country: guessCountry(countries),
    phone: '',
  }));
  const [sentTo, setSentTo] = useState<{ name: string; e164: string } | null>(null);

  return (
    <main className="signup">
      <h1>Chatty</h1>
      <p className="lede">A group chat you can also join by text message.</p>
      {sentTo ? (
        <CodeForm
          name={sentTo.name}
          e164={sentTo.e164}
          onSignedUp={onSignedUp}
          onBack={() => setSentTo(null)}
        />
      ) : (
        <DetailsForm
          countries={countries}
          details={details}
          onChange={setDetails}
          onCodeSent={(name, e164) => setSentTo({ name, e164 })}
        />
      )}
    </main>
  );
}
