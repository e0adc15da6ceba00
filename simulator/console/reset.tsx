// Reset, Nexera's way to start over (POST /__control/reset): asked twice, since it forgets
// every ticket, subscription and delivery of every operator.
import { useEffect, useRef, useState } from "preact/hooks";
import { CONTROL, errorText, send } from "./api.ts";

export function ResetButton() {
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState("");
  const keep = useRef<HTMLButtonElement>(null);
  // Asked to confirm: the keyboard lands on the harmless answer.
  useEffect(() => {
    if (asking) keep.current?.focus();
  }, [asking]);
  const ask = () => {
    setAsking(true);
    setMessage("");
  };
  const reset = async () => {
    try {
      await send("POST", `${CONTROL}/reset`);
      setMessage("Reset: every ticket, subscription and delivery forgotten.");
      location.hash = "#/";
    } catch (e) {
      setMessage(`Reset failed: ${errorText(e)}`);
    }
    setAsking(false);
  };
  return (
    <div class="reset">
      {asking ? (
        <fieldset class="confirm">
          <legend>Forget every ticket, subscription and delivery?</legend>
          <button type="button" class="danger" onClick={reset}>
            Reset now
          </button>{" "}
          <button type="button" ref={keep} onClick={() => setAsking(false)}>
            Keep them
          </button>
        </fieldset>
      ) : (
        <button type="button" onClick={ask}>
          Reset the simulator…
        </button>
      )}
      <span role="status" class="note">
        {message}
      </span>
    </div>
  );
}
