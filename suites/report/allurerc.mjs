// Allure 3 report settings: one self-contained HTML file, readable offline.
export default {
  name: "Nexera Trouble Ticket API conformance",
  plugins: {
    awesome: { options: { singleFile: true, reportLanguage: "en" } },
  },
};
