window.stolen = document.cookie;
